using System.Text.Json;
using System.Text.Json.Serialization;
using ArrowDisambig.Names;
using CsvHelper;

namespace ArrowDisambig.Parsing;

/// <summary>A page with the true identity of each of its papers, for training and measuring.</summary>
/// <param name="Dataset">Data set key, e.g. <c>aminer110_tang</c>.</param>
/// <param name="Page">The page as the pipeline sees it.</param>
/// <param name="Gold">Gold identity per paper, in page order.</param>
public sealed record LabelledPage(string Dataset, ClusterPage Page, IReadOnlyList<string> Gold);

/// <summary>One row of a rendered data set's <c>gold.csv</c>.</summary>
[CsvRecord]
public sealed partial class GoldRow
{
    /// <summary>Page file name.</summary>
    [CsvColumn("cluster_file")] public string ClusterFile { get; set; } = "";
    /// <summary>1-based paper position on the page.</summary>
    [CsvColumn("paper_index")] public int PaperIndex { get; set; }
    /// <summary>Gold identity.</summary>
    [CsvColumn("identity")] public string Identity { get; set; } = "";
}

/// <summary>Reads labelled data: rendered Arrow folders with <c>gold.csv</c>, and the normalised JSONL corpora.</summary>
public static class LabelledCorpus
{
    /// <summary>
    /// The paper with its ambiguous mention renamed: every author printed as <paramref name="pageName"/> (folded; the
    /// rendered pages print the mention as the page's name) becomes <paramref name="newName"/>, co-authors stay as
    /// they are. Null when no author is printed as the page's name.
    /// </summary>
    public static Paper? RenameMention(Paper paper, string pageName, string newName)
    {
        string folded = TextFold.Fold(pageName);
        bool found = false;
        var authors = paper.Authors.Select(a =>
        {
            if (TextFold.Fold(a) != folded) return a;
            found = true;
            return newName;
        }).ToList();
        return found ? paper with { Authors = authors } : null;
    }

    /// <summary>Reads a folder of Arrow pages and its <c>gold.csv</c>; pages that fail to parse are reported in <paramref name="errors"/>.</summary>
    public static List<LabelledPage> ReadArrowFolder(string folder, List<string> errors)
    {
        string goldPath = Path.Combine(folder, "gold.csv");
        if (!File.Exists(goldPath)) throw new FileNotFoundException($"{folder}: no gold.csv next to the pages", goldPath);
        var gold = new Dictionary<string, Dictionary<int, string>>(StringComparer.Ordinal);
        using (var reader = CsvReader.FromFile(goldPath, CsvReaderOptions.Default with { Separator = ',' }))
            foreach (var row in reader.GetRecords<GoldRow>())
            {
                if (!gold.TryGetValue(row.ClusterFile, out var map)) gold[row.ClusterFile] = map = new();
                map[row.PaperIndex] = row.Identity;
            }

        string dataset = Path.GetFileName(Path.TrimEndingDirectorySeparator(Path.GetFullPath(folder)));
        var pages = new List<LabelledPage>();
        foreach (var file in Directory.EnumerateFiles(folder, "*.txt").Order(StringComparer.Ordinal))
        {
            string name = Path.GetFileName(file);
            if (!gold.TryGetValue(name, out var labels)) { errors.Add($"{name}: no rows in gold.csv; skipped for scoring"); continue; }
            try
            {
                var page = ArrowPageParser.ParseFile(file);
                var missing = page.Papers.Where(p => !labels.ContainsKey(p.Index)).Select(p => p.Index).ToList();
                if (missing.Count > 0) { errors.Add($"{name}: papers {string.Join(",", missing)} have no gold label"); continue; }
                pages.Add(new LabelledPage(dataset, page, page.Papers.Select(p => labels[p.Index]).ToList()));
            }
            catch (PageFormatException e) { errors.Add(e.Message); }
        }
        return pages;
    }

    /// <summary>
    /// Reads a normalised JSONL corpus into one page per block, rendered as Arrow shows it: the ambiguous
    /// author's printed name replaced by the block name and author lists capped at <see cref="Paper.ArrowAuthorCap"/>,
    /// so training sees what the pipeline sees at run time.
    /// </summary>
    public static List<LabelledPage> ReadJsonl(string path, List<string> errors)
    {
        string file = Path.GetFileName(path);
        var blocks = new Dictionary<string, List<(Paper Paper, string Identity)>>(StringComparer.Ordinal);
        string dataset = Path.GetFileNameWithoutExtension(path);
        int lineNo = 0;
        foreach (var line in File.ReadLines(path))
        {
            lineNo++;
            if (string.IsNullOrWhiteSpace(line)) continue;
            NormRecord? r;
            try { r = JsonSerializer.Deserialize(line, NormJson.Default.NormRecord); }
            catch (JsonException e) { errors.Add($"{file}:{lineNo}: not a JSON record ({e.Message})"); continue; }
            if (r is null || r.Block is null || r.Identity is null) { errors.Add($"{file}:{lineNo}: record without block or identity"); continue; }
            dataset = r.Dataset ?? dataset;
            // Text as the parser reads a page: HTML character references decoded (DBLP exports carry them).
            string block = PageText.DecodeEntities(r.Block);
            if (!blocks.TryGetValue(block, out var list)) blocks[block] = list = new();
            var authors = (r.Authors ?? []).Select(PageText.DecodeEntities).ToList();
            if (r.TargetAuthorIndex is int t && t >= 0 && t < authors.Count) authors[t] = block;
            if (authors.Count > Paper.ArrowAuthorCap) authors = authors.Take(Paper.ArrowAuthorCap).ToList();
            var paper = new Paper(list.Count + 1, PageText.DecodeEntities(r.Venue ?? ""), "", r.Year, "", PageText.DecodeEntities(r.Title ?? ""),
                authors, PageText.DecodeEntities(r.Abstract ?? ""), new SourcePosition(file, lineNo));
            list.Add((paper, r.Identity));
        }
        return blocks.Select(b => new LabelledPage(dataset,
                new ClusterPage($"{dataset}--{b.Key}", b.Key, b.Value.Count, b.Value.Select(x => x.Paper).ToList(), []),
                b.Value.Select(x => x.Identity).ToList()))
            .ToList();
    }
}

/// <summary>One line of a normalised corpus (see the data README); only fields an Arrow page also has are read.</summary>
public sealed record NormRecord(
    [property: JsonPropertyName("dataset")] string? Dataset,
    [property: JsonPropertyName("block")] string? Block,
    [property: JsonPropertyName("title")] string? Title,
    [property: JsonPropertyName("authors")] List<string>? Authors,
    [property: JsonPropertyName("target_author_index")] int? TargetAuthorIndex,
    [property: JsonPropertyName("venue")] string? Venue,
    [property: JsonPropertyName("year")] int? Year,
    [property: JsonPropertyName("abstract")] string? Abstract,
    [property: JsonPropertyName("identity")] string? Identity);

[JsonSerializable(typeof(NormRecord))]
internal sealed partial class NormJson : JsonSerializerContext;
