namespace Lnsgd.Core;

/// <summary>
/// A value or the one-line reason there is none: what a fallible function of the core returns
/// at its public boundary instead of a (value, error) pair. A closed hierarchy with two cases,
/// <see cref="Ok"/> and <see cref="Error"/>; C# reads it with <c>switch</c> or
/// <see cref="Match{TOut}"/>, F# with <c>match r with :? Result&lt;_&gt;.Ok as ok -&gt; …</c> or
/// <see cref="Match{TOut}"/>. The message is the same line the CLI prints for the same input.
/// </summary>
public abstract record Result<T>
{
    private Result() { }

    /// <summary>Success: <paramref name="Value"/>.</summary>
    public sealed record Ok(T Value) : Result<T>;

    /// <summary>Failure: <paramref name="Message"/> says why, in one line.</summary>
    public sealed record Error(string Message) : Result<T>;

    /// <summary>True for <see cref="Ok"/>.</summary>
    public bool IsOk => this is Ok;

    /// <summary>The value; an <see cref="ArgumentException"/> carrying the message for <see cref="Error"/>.</summary>
    public T ValueOrThrow() => this switch
    {
        Ok ok => ok.Value,
        Error e => throw new ArgumentException(e.Message),
        _ => throw new InvalidOperationException("a Result is Ok or Error"),
    };

    /// <summary>The message of an <see cref="Error"/>; null for <see cref="Ok"/>.</summary>
    public string? ErrorMessage => (this as Error)?.Message;

    /// <summary>
    /// <c>var (value, error) = result;</c>: the value and null, or default and the message.
    /// For a value type the default is a real value, so test <c>error</c> first.
    /// </summary>
    public void Deconstruct(out T? value, out string? error) =>
        (value, error) = this is Ok ok ? (ok.Value, (string?)null) : (default, ((Error)this).Message);

    /// <summary>One function per case; the other is not called.</summary>
    public TOut Match<TOut>(Func<T, TOut> ok, Func<string, TOut> error) => this switch
    {
        Ok o => ok(o.Value),
        Error e => error(e.Message),
        _ => throw new InvalidOperationException("a Result is Ok or Error"),
    };

    /// <summary>The value mapped by <paramref name="f"/>; an error passes through unchanged.</summary>
    public Result<TOut> Map<TOut>(Func<T, TOut> f) => Match<Result<TOut>>(v => new Result<TOut>.Ok(f(v)), m => new Result<TOut>.Error(m));

    /// <summary>The result of <paramref name="f"/> on the value; an error passes through unchanged.</summary>
    public Result<TOut> Bind<TOut>(Func<T, Result<TOut>> f) => Match(f, m => new Result<TOut>.Error(m));
}

/// <summary>Constructors of <see cref="Result{T}"/> with the type argument inferred.</summary>
public static class Result
{
    /// <summary>A success holding <paramref name="value"/>.</summary>
    public static Result<T> Ok<T>(T value) => new Result<T>.Ok(value);

    /// <summary>A failure with the one-line <paramref name="message"/>.</summary>
    public static Result<T> Error<T>(string message) => new Result<T>.Error(message);

    /// <summary><paramref name="value"/> when <paramref name="error"/> is null, else the error.</summary>
    public static Result<T> Of<T>(T value, string? error) => error is null ? Ok(value) : Error<T>(error);
}
