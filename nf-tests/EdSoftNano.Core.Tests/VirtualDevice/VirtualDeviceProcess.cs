using System;
using System.Diagnostics;
using System.IO;
using System.Text;
using System.Threading.Tasks;

namespace EdSoftNano.Tests.VirtualDevice
{
    /// <summary>Runs the built virtual device as its own process, as a user would.</summary>
    public static class VirtualDeviceProcess
    {
        public static string DllPath => Path.Combine(AppContext.BaseDirectory, "EdSoftNano.VirtualDevice.dll");

        public static Process Start(string arguments, bool redirectInput = true)
        {
            var info = new ProcessStartInfo("dotnet", "\"" + DllPath + "\" " + arguments)
            {
                RedirectStandardInput = redirectInput,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
                StandardOutputEncoding = Encoding.Latin1,
            };
            return Process.Start(info);
        }

        /// <summary>Pipes <paramref name="input"/> into stdin, closes it and returns stdout and the exit code.</summary>
        public static (string Output, int ExitCode) Pipe(string arguments, string input)
        {
            using Process process = Start(arguments);
            Task<string> output = process.StandardOutput.ReadToEndAsync();
            Task<string> error = process.StandardError.ReadToEndAsync();
            byte[] bytes = Encoding.Latin1.GetBytes(input);
            process.StandardInput.BaseStream.Write(bytes, 0, bytes.Length);
            process.StandardInput.Close();
            if (!process.WaitForExit(60000))
            {
                process.Kill(true);
                throw new TimeoutException("the virtual device did not exit at the end of stdin: " + error.Result);
            }

            return (output.Result, process.ExitCode);
        }
    }
}
