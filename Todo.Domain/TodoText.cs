using System.Buffers;
using System.Text;

namespace Todo.Domain;

/// <summary>A todo's text: trimmed, non-empty, at most <see cref="MaxLength"/> Unicode characters, no control characters.</summary>
public sealed record TodoText
{
    /// <summary>Counted in Unicode scalar values, so an emoji counts once whatever its UTF-16 length.</summary>
    public const int MaxLength = 1000;

    private TodoText(string value) => Value = value;

    public string Value { get; }

    /// <summary>Returns the text, or null with the reason in <paramref name="error"/>.</summary>
    public static TodoText? Parse(string raw, out string? error)
    {
        var trimmed = raw.Trim();
        error = Check(trimmed);
        return error is null ? new TodoText(trimmed) : null;
    }

    private static string? Check(string text)
    {
        if (text.Length == 0)
            return "must not be empty";
        var length = 0;
        for (var rest = text.AsSpan(); !rest.IsEmpty;)
        {
            if (Rune.DecodeFromUtf16(rest, out var rune, out var consumed) != OperationStatus.Done)
                return "must be valid Unicode";
            if (Rune.IsControl(rune))
                return "must not contain control characters";
            if (++length > MaxLength)
                return $"must be at most {MaxLength} characters";
            rest = rest[consumed..];
        }
        return null;
    }

    public override string ToString() => Value;
}
