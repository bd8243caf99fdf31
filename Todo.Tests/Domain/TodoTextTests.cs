using AutoFixture.Xunit2;
using Todo.Domain;

namespace Todo.Tests.Domain;

public class TodoTextTests
{
    private static string Valid(string raw)
    {
        var text = TodoText.Parse(raw, out var error);
        Assert.Null(error);
        Assert.NotNull(text);
        return text.Value;
    }

    private static string Invalid(string raw)
    {
        var text = TodoText.Parse(raw, out var error);
        Assert.Null(text);
        Assert.NotNull(error);
        return error;
    }

    [Theory, AutoData]
    public void Plain_text_is_kept_as_is(string raw)
    {
        Assert.Equal(raw, Valid(raw));
    }

    [Theory]
    [InlineData("  Buy milk  ", "Buy milk")]
    [InlineData("\tBuy milk\n", "Buy milk")]
    [InlineData("\r\n Buy  milk \r\n", "Buy  milk")]
    [InlineData("\u00A0Buy milk\u2003", "Buy milk")]
    public void Surrounding_whitespace_is_trimmed_and_inner_whitespace_kept(string raw, string expected)
    {
        Assert.Equal(expected, Valid(raw));
    }

    [Fact]
    public void ToString_is_the_value()
    {
        Assert.Equal("Buy milk", TodoText.Parse(" Buy milk ", out _)!.ToString());
    }

    [Theory]
    [InlineData("")]
    [InlineData(" ")]
    [InlineData("   \t\r\n ")]
    [InlineData("\u3000")]
    public void Empty_or_whitespace_only_is_rejected(string raw)
    {
        Assert.Equal("must not be empty", Invalid(raw));
    }

    [Fact]
    public void Exactly_1000_characters_is_accepted()
    {
        var raw = new string('a', TodoText.MaxLength);

        Assert.Equal(raw, Valid(raw));
    }

    [Fact]
    public void The_1000_character_limit_applies_after_trimming()
    {
        var raw = "  " + new string('a', TodoText.MaxLength) + "  ";

        Assert.Equal(TodoText.MaxLength, Valid(raw).Length);
    }

    [Fact]
    public void Characters_1001_is_rejected()
    {
        Assert.Equal("must be at most 1000 characters", Invalid(new string('a', TodoText.MaxLength + 1)));
    }

    [Fact]
    public void A_thousand_emoji_count_once_each_and_are_accepted()
    {
        var raw = string.Concat(Enumerable.Repeat("😀", TodoText.MaxLength));
        Assert.Equal(2 * TodoText.MaxLength, raw.Length); // surrogate pairs in UTF-16

        Assert.Equal(raw, Valid(raw));
    }

    [Fact]
    public void A_thousand_and_one_emoji_are_rejected()
    {
        var raw = string.Concat(Enumerable.Repeat("😀", TodoText.MaxLength + 1));

        Assert.Equal("must be at most 1000 characters", Invalid(raw));
    }

    [Theory]
    [InlineData("Buy\nmilk")]
    [InlineData("Buy\tmilk")]
    [InlineData("Buy\rmilk")]
    [InlineData("Buy\u0000milk")]
    [InlineData("Buy\u0085milk")]
    [InlineData("Buy\u007Fmilk")]
    [InlineData("Buy\u001Bmilk")]
    [InlineData("\u0000")]
    public void Control_characters_are_rejected(string raw)
    {
        Assert.Equal("must not contain control characters", Invalid(raw));
    }

    // The surrogate is built in code: test data strings cross a UTF-8 boundary where a lone surrogate would become U+FFFD.
    [Theory]
    [InlineData("Buy ", 0xD800, " milk")]
    [InlineData("Buy ", 0xDC00, " milk")]
    [InlineData("", 0xD83D, "")]
    [InlineData("Buy milk ", 0xDE00, "")]
    public void Lone_surrogates_are_rejected(string before, int surrogate, string after)
    {
        var raw = before + (char)surrogate + after;
        Assert.True(char.IsSurrogate(raw, before.Length));

        Assert.Equal("must be valid Unicode", Invalid(raw));
    }

    [Fact]
    public void A_surrogate_pair_in_the_wrong_order_is_rejected()
    {
        Assert.Equal("must be valid Unicode", Invalid(new string(['a', '\ude00', '\ud83d', 'b'])));
    }

    [Theory]
    [InlineData("牛乳を買う")]
    [InlineData("买牛奶")]
    [InlineData("שלום עולם")]
    [InlineData("مرحبا بالعالم")]
    [InlineData("e\u0301 n\u0303 a\u0308")]
    [InlineData("Z\u0351\u0352\u0353algo")]
    [InlineData("👩‍👩‍👧‍👦 family")]
    [InlineData("Ünïcödé — “quotes” €")]
    [InlineData("𝔘𝔫𝔦𝔠𝔬𝔡𝔢")]
    public void Other_unicode_is_accepted_unchanged(string raw)
    {
        Assert.Equal(raw, Valid(raw));
    }

    [Fact]
    public void Combining_marks_count_as_their_own_characters()
    {
        // 500 base letters with one combining mark each are 1000 scalar values: the most allowed.
        var raw = string.Concat(Enumerable.Repeat("e\u0301", TodoText.MaxLength / 2));
        Assert.Equal(raw, Valid(raw));

        Assert.Equal("must be at most 1000 characters", Invalid(raw + "x"));
    }

    [Fact]
    public void Equal_texts_are_equal_values()
    {
        Assert.Equal(TodoText.Parse("Buy milk", out _), TodoText.Parse("  Buy milk", out _));
        Assert.NotEqual(TodoText.Parse("Buy milk", out _), TodoText.Parse("Buy Milk", out _));
    }
}
