namespace BankCrossSell;

/// <summary>
/// Synthetic customers, generated deterministically from a seed (our own SplitMix64, so every machine and .NET version
/// produces the same population). Each belongs to one uplift quadrant; its per-offer baseline and uplift are drawn
/// from that quadrant's ranges.
/// </summary>
public static class Customers
{
    /// <summary>The offers and the margin (currency units) a response to each earns.</summary>
    public static readonly (string Key, string Module, double Margin)[] Offers =
        [("card", "credit-card", 120), ("loan", "personal-loan", 900), ("savings", "savings", 40)];

    /// <summary>Generates the customers.</summary>
    /// <param name="count">How many.</param>
    /// <param name="seed">The seed.</param>
    /// <returns>Each customer's fields, as the catalog reads them.</returns>
    public static List<Dictionary<string, object?>> Generate(int count, ulong seed)
    {
        var random = new SplitMix64(seed);
        var customers = new List<Dictionary<string, object?>>(count);
        for (var i = 0; i < count; i++)
        {
            // Quadrant shares: 35% persuadables, 20% sure things, 35% lost causes, 10% sleeping dogs.
            var roll = random.NextDouble();
            var quadrant = roll < 0.35 ? "persuadable" : roll < 0.55 ? "sure-thing" : roll < 0.90 ? "lost-cause" : "sleeping-dog";
            var baseline = quadrant == "sure-thing" ? random.Between(0.25, 0.6) : random.Between(0.005, 0.05);
            var uplift = new Dictionary<string, object?>();
            var margin = new Dictionary<string, object?>();
            foreach (var (key, _, value) in Offers)
            {
                uplift[key] = Math.Round(quadrant switch
                {
                    "persuadable" => random.Between(-0.005, 0.06),
                    "sure-thing" => random.Between(-0.002, 0.0015),
                    "lost-cause" => random.Between(-0.002, 0.004),
                    _ => random.Between(-0.04, -0.005),
                }, 4);
                margin[key] = value;
            }

            customers.Add(new Dictionary<string, object?>
            {
                ["id"] = $"cust-{i + 1:D5}",
                ["first_name"] = FirstNames[random.Next(FirstNames.Length)],
                ["age"] = 18 + random.Next(60),
                ["income"] = 12_000 + (random.Next(100) * 1_000),
                ["quadrant"] = quadrant,
                ["baseline"] = Math.Round(baseline, 4),
                ["uplift"] = uplift,
                ["margin"] = margin,
                ["max_uplift"] = uplift.Values.Max(static u => (double)u!),
                ["max_value"] = Math.Round(Offers.Max(o => (double)uplift[o.Key]! * o.Margin), 4),
                ["email_opt_in"] = random.NextDouble() < 0.7,
                ["mail_suppressed"] = random.NextDouble() < 0.1,
                ["preferred_channel"] = random.NextDouble() < 0.2 ? "print" : "email",
            });
        }

        return customers;
    }

    private static readonly string[] FirstNames = ["Ada", "Ben", "Chloé", "Dev", "Emil", "Fatima", "Gus", "Hana", "Ivo", "Jun", "Kemal", "Lena"];

    /// <summary>SplitMix64: tiny, fast, and the same everywhere.</summary>
    private sealed class SplitMix64(ulong seed)
    {
        private ulong _state = seed;

        public ulong NextUInt64()
        {
            var z = _state += 0x9E3779B97F4A7C15;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EB;
            return z ^ (z >> 31);
        }

        public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

        public double Between(double low, double high) => low + (NextDouble() * (high - low));

        public int Next(int exclusiveMax) => (int)(NextUInt64() % (ulong)exclusiveMax);
    }
}
