using System.Reflection;
using System.Runtime.InteropServices;

[assembly: AssemblyTitle("NFUnitTest")]
[assembly: AssemblyDescription("EdSoftNano on-target tests: the portable core on nanoCLR, and the device bindings on a board")]
[assembly: AssemblyCompany("EdSoftNano")]
[assembly: AssemblyProduct("EdSoftNano")]
[assembly: AssemblyCopyright("Copyright (c) 2026 EdSoftNano")]
[assembly: AssemblyVersion("1.0.0.0")]
[assembly: AssemblyFileVersion("1.0.0.0")]
[assembly: ComVisible(false)]
