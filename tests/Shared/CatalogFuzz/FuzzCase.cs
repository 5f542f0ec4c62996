using FsCheck;
using FsCheck.Fluent;

namespace OneToOne.Composition.Testing;

/// <summary>One generated case: a seed catalog, the mutations applied to it, and which sample recipients to decide when it still loads.</summary>
/// <param name="Seed">The index of the seed, modulo the number of seeds.</param>
/// <param name="Mutations">The mutations, applied in order.</param>
/// <param name="Recipient">The first sample recipient to decide (the next one is decided too), modulo the number of samples.</param>
internal sealed record FuzzCase(int Seed, IReadOnlyList<CatalogMutation> Mutations, int Recipient)
{
    /// <summary>Gets cases of one to six mutations, few more often than many (so that more of them still load); a failing case shrinks by dropping mutations, one at a time.</summary>
    /// <param name="seeds">How many seeds there are.</param>
    /// <returns>The cases.</returns>
    public static Arbitrary<FuzzCase> Arbitrary(int seeds) =>
        Arb.From(
            from seed in Gen.Choose(0, seeds - 1)
            from count in Gen.Frequency((4, Gen.Constant(1)), (3, Gen.Constant(2)), (3, Gen.Choose(3, 6)))
            from mutations in CatalogMutator.Mutation.ArrayOf(count)
            from recipient in Gen.Choose(0, 1_000)
            select new FuzzCase(seed, mutations, recipient),
            Shrink);

    /// <summary>Applies the mutations to the case's seed.</summary>
    /// <param name="seeds">The seeds.</param>
    /// <returns>The mutated files.</returns>
    public IReadOnlyList<CatalogText> Files(IReadOnlyList<FuzzSeed> seeds) => CatalogMutator.Apply(seeds[Seed % seeds.Count].Files, Mutations);

    /// <summary>Writes the case as the seed's number and its mutations, which is all it takes to make it again.</summary>
    /// <returns>The case in one line.</returns>
    public override string ToString() => $"seed {Seed}, recipient {Recipient}, mutations [{string.Join(", ", Mutations)}]";

    private static IEnumerable<FuzzCase> Shrink(FuzzCase value)
    {
        for (var i = 0; i < value.Mutations.Count && value.Mutations.Count > 1; i++)
        {
            yield return value with { Mutations = [.. value.Mutations.Take(i), .. value.Mutations.Skip(i + 1)] };
        }
    }
}
