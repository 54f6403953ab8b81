using System;

namespace EdSoftNano.Device.App
{
    /// <summary>
    /// The device's log lines. They go through <see cref="Console.WriteLine(string)"/>, which
    /// nanoFramework sends to the debug output (Visual Studio's Output window when a debugger
    /// is attached) in Debug and Release builds alike; Debug.WriteLine is compiled out of
    /// Release builds. Strings are built only here, at start-up and on faults.
    /// </summary>
    public static class Log
    {
        public static void Info(string text)
        {
            Console.WriteLine(string.Concat("[edsoft] ", text));
        }

        /// <summary>A caught fault: where, the exception's type and its message.</summary>
        public static void Fault(string where, Exception e)
        {
            string message = e.Message;
            Console.WriteLine(string.Concat("[edsoft] fault in ", where, ": ",
                string.Concat(e.GetType().FullName, message == null ? string.Empty : string.Concat(" ", message))));
        }
    }
}
