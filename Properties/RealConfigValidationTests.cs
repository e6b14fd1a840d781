using FsCheck.Xunit;
using Lnsgd.Core.RealWorld;
using Xunit;

namespace Lnsgd.Properties;

/// <summary>A typed real-data config is refused with the line <c>lnsgd real --set</c> prints for the same value.</summary>
public class RealConfigValidationTests
{
    // Invalid typed values, one per kind of key: (key, the typed config, the value as typed on the command line).
    private static readonly (string Key, RealConfig Config, string Typed)[] Invalid =
    [
        ("eta", new RealConfig { Eta = -1 }, "-1"),
        ("eta", new RealConfig { Eta = 0 }, "0"),
        ("width", new RealConfig { Width = 0 }, "0"),
        ("steps", new RealConfig { Steps = 0 }, "0"),
        ("noise", new RealConfig { Noise = 1.5 }, "1.5"),
        ("rho", new RealConfig { Rho = double.NaN }, "NaN"),
        ("activation", new RealConfig { Activation = "gelu" }, "gelu"),
        ("dataset", new RealConfig { Dataset = "imagenet" }, "imagenet"),
        ("prune", new RealConfig { Prune = "100,0" }, "100,0"),
        ("noise_levels", new RealConfig { NoiseLevels = "0.1,2" }, "0.1,2"),
    ];

    [Property(MaxTest = 50)]
    public bool Every_invalid_typed_value_is_refused_with_the_clis_line(byte pick)
    {
        var (key, config, typed) = Invalid[pick % Invalid.Length];
        var cli = RealSchema.TryApply(new RealConfig(), key, typed).ErrorMessage;
        return cli is not null && RealSchema.Validate(config) == cli;
    }

    [Fact]
    public void Valid_configs_pass_and_epochs_without_batch_is_refused()
    {
        Assert.Null(RealSchema.Validate(new RealConfig()));
        foreach (var preset in RealPresets.All.OfType<RealPreset.Images>()) Assert.Null(RealSchema.Validate(preset.Config));
        Assert.Equal("epochs > 0 needs batch > 0 (set batch, or set epochs=0 and use steps)", RealSchema.Validate(new RealConfig { Epochs = 2, Batch = 0 }));
        Assert.Null(RealSchema.Validate(new RealConfig { Epochs = 2, Batch = 16 }));
    }
}
