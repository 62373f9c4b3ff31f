using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Unicode;

namespace ArrowDisambig.Export;

[JsonSerializable(typeof(IdentityProfile))]
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
internal sealed partial class IdentityJsonContext : JsonSerializerContext;

/// <summary>
/// Writes <c>identities.jsonl</c>: one JSON object per identity with the raw values of <see cref="IdentityProfile"/>
/// (lists as arrays, counts as numbers, no spreadsheet neutralising), for programs.
/// </summary>
public static class IdentityJsonl
{
    // Letters of every script stay readable; JSON-significant and HTML-significant characters are still escaped.
    private static readonly IdentityJsonContext Context = new(new JsonSerializerOptions
    {
        Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
    });

    /// <summary>One line of JSON for a profile.</summary>
    public static string Line(IdentityProfile profile) => JsonSerializer.Serialize(profile, Context.IdentityProfile);

    /// <summary>Reads one line back.</summary>
    public static IdentityProfile? Parse(string line) => JsonSerializer.Deserialize(line, Context.IdentityProfile);

    /// <summary>Writes the file atomically.</summary>
    public static void Write(string path, IEnumerable<IdentityProfile> profiles) =>
        OutputFiles.Atomic(path, stream =>
        {
            using var w = new StreamWriter(stream, leaveOpen: true);
            w.NewLine = "\n";
            foreach (var p in profiles) w.WriteLine(Line(p));
        });
}
