using ArrowDisambig.Features;
using ArrowDisambig.Model;

namespace ArrowDisambig.Pipeline;

/// <summary>Builds the page processor a pipeline file describes: its scorer, model and cut.</summary>
public static class ScorerFactory
{
    /// <summary>The processor and a description of the model used (for run.json).</summary>
    /// <exception cref="PipelineDefinitionException">The learned scorer is asked for but no model can be found or read.</exception>
    public static (PageProcessor Processor, string ModelName) Create(PipelineDefinition pipeline)
    {
        var score = pipeline.Stage("score");
        IPairScorer scorer;
        string modelName;
        if ((score.Scorer ?? "learned") == "baseline")
        {
            scorer = new BaselineScorer();
            modelName = "none (baseline rules)";
        }
        else
        {
            string? path = pipeline.Resolve(score.Model ?? "models/pairwise.zip");
            try
            {
                if (path is not null && File.Exists(Path.ChangeExtension(path, ".json")))
                {
                    scorer = PairwiseModel.Load(path);
                    modelName = path;
                }
                else
                {
                    scorer = PairwiseModel.LoadEmbedded() ?? throw new PipelineDefinitionException(pipeline.Origin,
                        $"model '{score.Model}' not found and none is embedded in this build; run 'arrow-disambig train' or use pipelines/baseline.json");
                    modelName = "embedded:models/pairwise.zip";
                }
            }
            catch (InvalidDataException e) { throw new PipelineDefinitionException(pipeline.Origin, e.Message); }
        }
        double minAffinity = pipeline.Stage("cluster").MinAffinity ?? scorer.MinAffinity;
        return (new PageProcessor(scorer, NameFrequencies.Embedded(), minAffinity), modelName);
    }
}
