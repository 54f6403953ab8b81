using Xunit;

namespace EdSoftNano.Tests.Servers
{
    /// <summary>
    /// The tests that fill and empty the getmail mailbox (<see cref="TestServers.RefillGetMailBox"/>): one
    /// collection, so they run one after another and never race on it. Every such test refills it first.
    /// </summary>
    [CollectionDefinition(Name)]
    public sealed class GetMailBoxCollection
    {
        public const string Name = "the getmail mailbox";
    }
}
