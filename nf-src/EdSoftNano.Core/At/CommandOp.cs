namespace EdSoftNano.At
{
    /// <summary>What an AT# line asks: run/display (no suffix), get ('?') or set ('=value').</summary>
    public enum CommandOp
    {
        Execute,
        Get,
        Set,
        Invalid,
    }
}
