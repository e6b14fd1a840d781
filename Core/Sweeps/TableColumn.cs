namespace Lnsgd.Core.Sweeps;

/// <summary>How a table column's text cells are typed in a columnar file (Parquet).</summary>
public enum ColumnKind
{
    /// <summary>Text.</summary>
    Text,
    /// <summary>A signed 64-bit integer.</summary>
    Integer,
    /// <summary>An unsigned 64-bit integer (the seed).</summary>
    Unsigned,
    /// <summary>A 64-bit float, written in round-trip form.</summary>
    Real,
}

/// <summary>One column of the collected sweep table: its name, type and meaning.</summary>
public sealed record TableColumn(string Name, ColumnKind Kind, string Meaning);
