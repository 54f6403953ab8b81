using System.Reflection;
using System.Runtime.InteropServices;

[assembly: AssemblyTitle("EdSoftNano.Device")]
[assembly: AssemblyDescription("eDsoft V3.00-compatible IP connectivity firmware: the nanoFramework device app")]
[assembly: AssemblyCompany("EdSoftNano")]
[assembly: AssemblyProduct("EdSoftNano")]
[assembly: AssemblyCopyright("Copyright (c) 2026 EdSoftNano")]
[assembly: AssemblyVersion("1.0.0.0")]
[assembly: AssemblyFileVersion("1.0.0.0")]
[assembly: ComVisible(false)]
