using Scalearn.Data;

namespace Scalearn.Tests.Data;

public class CsvLoaderTests
{
    private static Dataset Parse(string text, CsvOptions? options = null) =>
        CsvLoader.Load(new StringReader(text), "sample.csv", options);

    private static CsvFormatException Fails(string text, CsvOptions? options = null) =>
        Assert.Throws<CsvFormatException>(() => Parse(text, options));

    [Fact]
    public void Loads_features_and_target_by_name()
    {
        var data = Parse("a,target,b\n1,0,2.5\n-3e2,1,.5\n");
        Assert.Equal(["a", "b"], data.FeatureNames);
        Assert.Equal([1.0, 2.5, -300.0, 0.5], data.X.Values);
        Assert.Equal([0.0, 1.0], data.Y!);
        Assert.Equal("target", data.TargetName);
        Assert.Equal("sample", data.Name);
    }

    [Fact]
    public void Null_target_loads_every_column_as_a_feature()
    {
        var data = Parse("a,b\n1,2\n", new CsvOptions { Target = null });
        Assert.Null(data.Y);
        Assert.Equal(2, data.FeatureCount);
    }

    [Fact]
    public void Custom_target_column()
    {
        var data = Parse("label,x\n3,4\n", new CsvOptions { Target = "label" });
        Assert.Equal([3.0], data.Y!);
        Assert.Equal(["x"], data.FeatureNames);
    }

    [Theory]
    [InlineData("1.5", 1.5)]
    [InlineData("-0.1", -0.1)]
    [InlineData("+7", 7)]
    [InlineData("0.30000000000000004", 0.30000000000000004)]
    [InlineData("123456789012345678", 123456789012345678.0)]
    [InlineData("1e-5", 1e-5)]
    [InlineData(" 2.25 ", 2.25)]
    [InlineData("0.1234567890123456789", 0.1234567890123456789)]
    public void Numbers_match_double_parse(string cell, double expected)
    {
        var data = Parse($"x,target\n{cell},0\n");
        Assert.Equal(expected, data.X[0, 0]);
    }

    [Fact]
    public void Fast_path_agrees_with_double_parse_on_many_decimals()
    {
        var rng = new Scalearn.Numerics.Rng(7);
        for (int i = 0; i < 20000; i++)
        {
            var text = (rng.NextDouble() * Math.Pow(10, rng.NextInt(12) - 4)).ToString("G" + (1 + rng.NextInt(15)), System.Globalization.CultureInfo.InvariantCulture);
            if (text.Contains('E')) continue;
            Assert.True(CsvNumber.TryParse(text, out var v));
            Assert.Equal(double.Parse(text, System.Globalization.CultureInfo.InvariantCulture), v);
        }
    }

    [Fact]
    public void Rfc4180_quoting_and_crlf()
    {
        var data = Parse("\"a\",\"b, with comma\",target\r\n\"1\",2,\"0\"\r\n3,\"4\",1\r\n",
            new CsvOptions());
        Assert.Equal(["a", "b, with comma"], data.FeatureNames);
        Assert.Equal([1.0, 2.0, 3.0, 4.0], data.X.Values);
    }

    [Fact]
    public void Quoted_text_with_escaped_quotes_and_newlines_is_kept()
    {
        var data = Parse("name,x,target\n\"say \"\"hi\"\"\",1,0\n\"two\nlines\",2,1\nplain,3,0\n", new CsvOptions { KeepTextColumns = true });
        Assert.Equal(["say \"hi\"", "two\nlines", "plain"], data.TextColumns["name"]);
        Assert.Equal(["x"], data.FeatureNames);
        Assert.Equal([1.0, 2.0, 3.0], data.X.Values);
    }

    [Fact]
    public void Line_numbers_count_newlines_inside_quotes()
    {
        var e = Fails("name,x,target\n\"two\nlines\",1,0\nok,oops,1\n", new CsvOptions { KeepTextColumns = false, Target = "target" });
        Assert.Equal(2, e.Line);
        Assert.Equal("name", e.ColumnName);
        e = Fails("name,x,target\n\"two\nlines\",1,0\nok,2,\n", new CsvOptions { KeepTextColumns = true });
        Assert.Equal(4, e.Line);
        Assert.Equal("target", e.ColumnName);
    }

    [Fact]
    public void Bom_and_trailing_blank_lines_are_ignored()
    {
        var data = Parse("\uFEFFa,target\n1,0\n\n\r\n  \n");
        Assert.Equal(["a"], data.FeatureNames);
        Assert.Equal(1, data.Count);
    }

    [Fact]
    public void Bom_in_a_file_is_ignored()
    {
        var path = Path.Combine(Path.GetTempPath(), $"scalearn-bom-{Guid.NewGuid():N}.csv");
        try
        {
            File.WriteAllText(path, "a,target\n1,0\n", new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: true));
            var data = CsvLoader.Load(path);
            Assert.Equal(["a"], data.FeatureNames);
            Assert.Equal(Path.GetFileNameWithoutExtension(path), data.Name);
        }
        finally { File.Delete(path); }
    }

    [Fact]
    public void Non_numeric_cell_names_file_line_and_column()
    {
        var e = Fails("a,b,target\n1,2,0\n3,abc,1\n");
        Assert.Equal(3, e.Line);
        Assert.Equal(2, e.Column);
        Assert.Contains("sample.csv", e.Message);
        Assert.Contains("line 3", e.Message);
        Assert.Contains("'b' (#2)", e.Message);
        Assert.Contains("'abc'", e.Message);
        Assert.IsAssignableFrom<FormatException>(e);
    }

    [Fact]
    public void Ragged_rows_report_expected_and_actual_field_counts()
    {
        var e = Fails("a,b,target\n1,2,0\n1,2\n");
        Assert.Equal(3, e.Line);
        Assert.Contains("expected 3 fields", e.Message);
        Assert.Contains("got 2", e.Message);
        e = Fails("a,b,target\n1,2,0,9\n");
        Assert.Contains("got 4", e.Message);
    }

    [Theory]
    [InlineData("")]
    [InlineData("\n\n")]
    [InlineData("\uFEFF")]
    public void Empty_file_is_reported(string text) => Assert.Contains("empty", Fails(text).Message);

    [Fact]
    public void Header_without_rows_is_reported() => Assert.Contains("no data rows", Fails("a,target\n").Message);

    [Fact]
    public void Missing_target_column_lists_the_columns()
    {
        var e = Fails("a,b,label\n1,2,3\n");
        Assert.Contains("'target' not found", e.Message);
        Assert.Contains("a, b, label", e.Message);
    }

    [Fact]
    public void Duplicate_header_names_are_reported()
    {
        var e = Fails("a,b,a,target\n1,2,3,0\n");
        Assert.Contains("duplicate column name 'a'", e.Message);
        Assert.Equal(3, e.Column);
    }

    [Theory]
    [InlineData("1,,0")]
    [InlineData("1,nan,0")]
    [InlineData("1,NA,0")]
    [InlineData("1,NaN,0")]
    [InlineData("1,-NaN,0")]
    [InlineData("1,-nan,0")]
    [InlineData("1,N/A,0")]
    [InlineData("1,n/a,0")]
    [InlineData("1,null,0")]
    [InlineData("1,NULL,0")]
    [InlineData("1,None,0")]
    [InlineData("1,<NA>,0")]
    [InlineData("1,#N/A,0")]
    [InlineData("1,#N/A N/A,0")]
    [InlineData("1,#NA,0")]
    [InlineData("1,1.#IND,0")]
    [InlineData("1,-1.#IND,0")]
    [InlineData("1,1.#QNAN,0")]
    [InlineData("1,-1.#QNAN,0")]
    public void Missing_values_fail_unless_allowed(string row)
    {
        var e = Fails($"a,b,target\n{row}\n");
        Assert.Equal(2, e.Line);
        Assert.Equal("b", e.ColumnName);
        Assert.Contains("AllowMissing", e.Message);
        var data = Parse($"a,b,target\n{row}\n", new CsvOptions { AllowMissing = true });
        Assert.True(double.IsNaN(data.X[0, 1]));
    }

    [Theory]
    [InlineData("Infinity")]
    [InlineData("-Infinity")]
    public void Infinite_values_fail(string cell) =>
        Assert.Contains("infinite", Fails($"a,target\n{cell},0\n", new CsvOptions { AllowMissing = true }).Message);

    [Fact]
    public void Text_target_is_read_as_class_labels_and_a_missing_target_still_fails()
    {
        var lenient = new CsvOptions { KeepTextColumns = true, AllowMissing = true };
        var data = Parse("a,target\n1,dog\n2,cat\n3,0\n4,dog\n", lenient);
        Assert.Equal(["0", "cat", "dog"], data.ClassNames);
        Assert.Equal([2.0, 1, 0, 2], data.Y!);
        Assert.Contains("missing target", Fails("a,target\n1,\n", lenient).Message);
        Assert.Contains("missing target", Fails("a,target\n1,cat\n2,\n", lenient).Message);
    }

    [Fact]
    public void Pandas_missing_tokens_keep_a_numeric_column_numeric_when_text_columns_are_kept()
    {
        // pandas.read_csv reads this column as float64 [1.0, nan, nan, 4.0]; the tokens must not turn it into categories.
        var data = Parse("a,target\n1,0\nN/A,1\nnull,0\n4,1\n", new CsvOptions { KeepTextColumns = true, AllowMissing = true });
        Assert.Equal(["a"], data.FeatureNames);
        Assert.Empty(data.TextColumns);
        Assert.Equal(1.0, data.X[0, 0]);
        Assert.True(double.IsNaN(data.X[1, 0]) && double.IsNaN(data.X[2, 0]));
        Assert.Equal(4.0, data.X[3, 0]);
    }

    [Fact]
    public void Text_columns_keep_raw_cells_including_numeric_looking_and_empty_ones()
    {
        var data = Parse("color,size,target\n1,2,0\nred,3,1\n,4,0\n", new CsvOptions { KeepTextColumns = true });
        Assert.Equal(["1", "red", ""], data.TextColumns["color"]);
        Assert.Equal(["size"], data.FeatureNames);
        Assert.Equal([2.0, 3.0, 4.0], data.X.Values);
    }

    [Fact]
    public void Missing_cell_in_numeric_column_still_fails_with_text_columns_kept()
    {
        var e = Fails("a,b,target\n1,x,0\n,y,1\n", new CsvOptions { KeepTextColumns = true });
        Assert.Contains("missing value", e.Message);
        Assert.Equal("a", e.ColumnName);
        Assert.Equal(3, e.Line);
        var ok = Parse("a,b,target\n1,,0\n2,x,1\n", new CsvOptions { KeepTextColumns = true });
        Assert.Equal(["", "x"], ok.TextColumns["b"]);
    }

    [Fact]
    public void Blank_line_inside_data_is_an_error()
    {
        var e = Fails("a,target\n1,0\n\n2,1\n");
        Assert.Equal(3, e.Line);
    }

    [Fact]
    public void Unterminated_quote_names_its_line() => Assert.Equal(3, Fails("a,target\n1,0\n\"2,1\n").Line);

    [Fact]
    public void Garbage_after_closing_quote_is_an_error() => Assert.Contains("closing quote", Fails("a,target\n\"1\"x,0\n").Message);

    [Fact]
    public void Missing_file_names_the_path()
    {
        var e = Assert.Throws<FileNotFoundException>(() => CsvLoader.Load("/nonexistent/scalearn.csv"));
        Assert.Contains("/nonexistent/scalearn.csv", e.Message);
    }

    [Fact]
    public void Digits_loads_with_expected_shape_and_values()
    {
        var data = TestData.Load("digits");
        Assert.Equal(1797, data.Count);
        Assert.Equal(64, data.FeatureCount);
        Assert.Equal("pixel_0_0", data.FeatureNames[0]);
        Assert.Equal(5.0, data.X[0, 2]);
        Assert.Equal(Enumerable.Range(0, 10).Select(i => (double)i), data.Y!.Distinct().Order());
    }
}
