using System.Runtime.InteropServices;
using System.Text;
using Lnsgd.Core.Measures;
using Lnsgd.Core.Simulations;

namespace Lnsgd.Native;

/// <summary>
/// The C ABI of <c>lnsgd_native.so</c>. A run is an opaque handle that owns native buffers:
/// the metrics column by column (so each column is one contiguous float64 array numpy can view
/// without a copy) and the final W (m×d, row-major) and a. Strings are UTF-8 and NUL-terminated.
/// Every function returns 0 on success; on failure it returns nonzero and the message is the
/// line the CLI prints for the same input (<see cref="LastError"/>).
/// </summary>
public static unsafe class Exports
{
    [ThreadStatic] private static byte* _error;

    /// <summary>The message of the calling thread's last failure (UTF-8, NUL-terminated; valid until its next failure), or null.</summary>
    [UnmanagedCallersOnly(EntryPoint = "lnsgd_last_error")]
    public static byte* LastError() => _error;

    /// <summary>
    /// Runs <paramref name="preset"/> (empty = the defaults) with <paramref name="count"/>
    /// key/value overrides applied in order, as <c>lnsgd run PRESET --set k=v …</c> does, and
    /// stores the run in <paramref name="handle"/>. Returns 1 for a refused config, 3 for a run
    /// that diverged (the handle then holds the rows recorded before), 0 otherwise.
    /// </summary>
    [UnmanagedCallersOnly(EntryPoint = "lnsgd_run")]
    public static int Run(byte* preset, byte** keys, byte** values, int count, nint* handle)
    {
        *handle = 0;
        try
        {
            var overrides = new List<(string, string)>();
            for (var i = 0; i < count; i++) overrides.Add((Text(keys[i]), Text(values[i])));
            var result = NativeRun.Start(Text(preset), overrides);
            if (result.ErrorMessage is { } error) return Fail(error, 1);
            var run = result.ValueOrThrow();
            *handle = GCHandle.ToIntPtr(GCHandle.Alloc(run));
            return run.Divergence is null ? 0 : Fail(run.Divergence, 3);
        }
        catch (Exception e)
        {
            return Fail($"internal error: {e.GetType().Name}: {e.Message}", 2);
        }
    }

    /// <summary>Rows recorded and columns per row (the metrics.csv header's length).</summary>
    [UnmanagedCallersOnly(EntryPoint = "lnsgd_shape")]
    public static int Shape(nint handle, long* rows, int* columns, int* m, int* d)
    {
        var run = Of(handle);
        (*rows, *columns, *m, *d) = (run.Rows, MetricRow.Columns.Length, run.M, run.D);
        return 0;
    }

    /// <summary>The name of metrics column <paramref name="index"/> (UTF-8, owned by the library).</summary>
    [UnmanagedCallersOnly(EntryPoint = "lnsgd_column_name")]
    public static byte* ColumnName(int index) => index >= 0 && index < NamePointers.Length ? (byte*)NamePointers[index] : null;

    /// <summary>Column <paramref name="index"/>: <c>rows</c> float64 values (the step column as exact float64 integers).</summary>
    [UnmanagedCallersOnly(EntryPoint = "lnsgd_column")]
    public static double* Column(nint handle, int index) => Of(handle).Column(index);

    /// <summary>The final W (m×d row-major) and a; null pointers when the run diverged.</summary>
    [UnmanagedCallersOnly(EntryPoint = "lnsgd_final")]
    public static int Final(nint handle, double** w, double** a)
    {
        var run = Of(handle);
        *w = run.W;
        *a = run.A;
        return run.W == null ? 1 : 0;
    }

    /// <summary>Frees the run and every buffer it owns.</summary>
    [UnmanagedCallersOnly(EntryPoint = "lnsgd_free")]
    public static void Free(nint handle)
    {
        if (handle == 0) return;
        var gc = GCHandle.FromIntPtr(handle);
        ((NativeRun)gc.Target!).Dispose();
        gc.Free();
    }

    private static readonly nint[] NamePointers = [.. MetricRow.Columns.Select(n => (nint)Utf8(n))];

    private static NativeRun Of(nint handle) => (NativeRun)GCHandle.FromIntPtr(handle).Target!;

    private static string Text(byte* p) => p == null ? "" : Marshal.PtrToStringUTF8((nint)p) ?? "";

    // A NUL-terminated UTF-8 copy in native memory.
    private static byte* Utf8(string s)
    {
        var bytes = Encoding.UTF8.GetBytes(s + "\0");
        var p = (byte*)NativeMemory.Alloc((nuint)bytes.Length);
        bytes.CopyTo(new Span<byte>(p, bytes.Length));
        return p;
    }

    private static int Fail(string message, int code)
    {
        NativeMemory.Free(_error);
        _error = Utf8(message);
        return code;
    }
}
