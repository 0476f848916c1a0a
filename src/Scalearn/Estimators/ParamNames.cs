using System.Text;

namespace Scalearn.Estimators;

/// <summary>Converts between C# property names (MaxDepth) and scikit-learn's snake_case (max_depth).</summary>
public static class ParamNames
{
    public static string ToSnakeCase(string pascal)
    {
        var sb = new StringBuilder(pascal.Length + 4);
        for (int i = 0; i < pascal.Length; i++)
        {
            char c = pascal[i];
            if (char.IsUpper(c))
            {
                bool boundary = i > 0 && (char.IsLower(pascal[i - 1]) || char.IsDigit(pascal[i - 1])
                    || (i + 1 < pascal.Length && char.IsLower(pascal[i + 1]) && char.IsUpper(pascal[i - 1])));
                if (boundary) sb.Append('_');
                sb.Append(char.ToLowerInvariant(c));
            }
            else sb.Append(c);
        }
        return sb.ToString();
    }

    public static string ToKebabCase(string pascal) => ToSnakeCase(pascal).Replace('_', '-');

    /// <summary>Lookup key that makes MaxDepth, max_depth, maxdepth and max-depth equal.</summary>
    public static string Normalize(string name) => name.Replace("_", "").Replace("-", "").ToLowerInvariant();
}
