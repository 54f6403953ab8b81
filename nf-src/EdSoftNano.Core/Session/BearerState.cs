namespace EdSoftNano.Session
{
    /// <summary>Where the network layer over the data call stands.</summary>
    public enum BearerState
    {
        Down,
        Starting,
        Up,
        Failed,
        Stopping,
    }
}
