using System.Text.RegularExpressions;
using AutoFixture.Xunit2;
using Todo.Domain;

namespace Todo.Tests.Domain;

public class TimestampTests
{
    [Fact]
    public void ToText_is_iso_8601_utc_with_milliseconds()
    {
        var instant = new DateTimeOffset(2026, 11, 25, 10, 0, 0, 7, TimeSpan.Zero);

        Assert.Equal("2026-11-25T10:00:00.007Z", Timestamp.ToText(instant));
    }

    [Fact]
    public void ToText_converts_other_offsets_to_utc()
    {
        var instant = new DateTimeOffset(2026, 11, 25, 23, 30, 15, 250, TimeSpan.FromHours(-5));

        Assert.Equal("2026-11-26T04:30:15.250Z", Timestamp.ToText(instant));
    }

    [Fact]
    public void ToText_drops_sub_millisecond_digits()
    {
        var instant = new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero).AddTicks(1_239_999);

        Assert.Equal("2026-01-02T03:04:05.123Z", Timestamp.ToText(instant));
    }

    [Theory, AutoData]
    public void ToText_always_has_the_fixed_shape(DateTimeOffset instant)
    {
        Assert.Matches(new Regex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$"), Timestamp.ToText(instant));
    }

    [Theory, AutoData]
    public void Parse_reads_back_what_ToText_wrote_after_truncation(DateTimeOffset instant)
    {
        var truncated = Timestamp.Truncate(instant);

        var parsed = Timestamp.Parse(Timestamp.ToText(instant));

        Assert.Equal(truncated, parsed);
        Assert.Equal(TimeSpan.Zero, parsed.Offset);
        Assert.Equal(Timestamp.ToText(instant), Timestamp.ToText(parsed));
    }

    [Fact]
    public void Parse_reads_utc()
    {
        var parsed = Timestamp.Parse("2026-11-25T10:00:00.123Z");

        Assert.Equal(new DateTimeOffset(2026, 11, 25, 10, 0, 0, 123, TimeSpan.Zero), parsed);
        Assert.Equal(TimeSpan.Zero, parsed.Offset);
    }

    [Theory]
    [InlineData("2026-11-25T10:00:00Z")]
    [InlineData("2026-11-25T10:00:00.123")]
    [InlineData("2026-11-25T10:00:00.123+01:00")]
    [InlineData("2026-11-25 10:00:00.123Z")]
    [InlineData("25/11/2026")]
    [InlineData("")]
    public void Parse_rejects_other_forms(string text)
    {
        Assert.Throws<FormatException>(() => Timestamp.Parse(text));
    }

    [Fact]
    public void Truncate_drops_what_is_finer_than_a_millisecond()
    {
        var instant = new DateTimeOffset(2026, 11, 25, 10, 0, 0, 999, TimeSpan.Zero).AddTicks(9_999);

        var truncated = Timestamp.Truncate(instant);

        Assert.Equal(new DateTimeOffset(2026, 11, 25, 10, 0, 0, 999, TimeSpan.Zero), truncated);
        Assert.Equal(0, truncated.Ticks % TimeSpan.TicksPerMillisecond);
    }

    [Fact]
    public void Truncate_keeps_the_instant_but_normalises_the_offset_to_utc()
    {
        var instant = new DateTimeOffset(2026, 11, 25, 12, 0, 0, 500, TimeSpan.FromHours(2));

        var truncated = Timestamp.Truncate(instant);

        Assert.Equal(instant, truncated);
        Assert.Equal(TimeSpan.Zero, truncated.Offset);
    }

    [Theory, AutoData]
    public void Truncate_is_idempotent(DateTimeOffset instant)
    {
        var once = Timestamp.Truncate(instant);

        Assert.Equal(once, Timestamp.Truncate(once));
        Assert.True(instant - once < TimeSpan.FromMilliseconds(1) && instant >= once);
    }

    [Fact]
    public void Text_order_is_time_order()
    {
        var earlier = new DateTimeOffset(2026, 1, 9, 23, 59, 59, 999, TimeSpan.Zero);
        var later = earlier.AddMilliseconds(1);

        Assert.True(string.CompareOrdinal(Timestamp.ToText(earlier), Timestamp.ToText(later)) < 0);
    }
}
