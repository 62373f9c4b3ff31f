using ArrowDisambig.Clustering;
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
        var cluster = pipeline.Stage("cluster");
        IIdentityClusterer clusterer;
        if ((score.Scorer ?? "learned") == "baseline")
        {
            scorer = new BaselineScorer();
            modelName = "none (baseline rules)";
            clusterer = new AverageLinkageClusterer(cluster.MinAffinity ?? BaselineScorer.DefaultMinAffinity);
        }
        else
        {
            string? path = pipeline.Resolve(score.Model ?? "models/pairwise.zip");
            try
            {
                PairwiseModel model;
                if (path is not null && File.Exists(Path.ChangeExtension(path, ".json")))
                {
                    model = PairwiseModel.Load(path);
                    modelName = path;
                }
                else
                {
                    model = PairwiseModel.LoadEmbedded() ?? throw new PipelineDefinitionException(pipeline.Origin,
                        $"model '{score.Model}' not found and none is embedded in this build; run 'arrow-disambig train' or use pipelines/baseline.json");
                    modelName = "embedded:models/pairwise.zip";
                }
                scorer = model;
                clusterer = model.Clusterer(cluster.MinAffinity, cluster.ProfileMerge ?? true);
            }
            catch (InvalidDataException e) { throw new PipelineDefinitionException(pipeline.Origin, e.Message); }
        }
        var processor = new PageProcessor(scorer, clusterer, NameFrequencies.Embedded(), TopicSpace.Embedded())
        {
            ExhaustiveLimit = pipeline.Stage("features").ExhaustiveLimit ?? CandidatePairs.ExhaustiveLimit,
        };
        return (processor, modelName);
    }
}
