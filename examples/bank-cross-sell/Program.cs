using System.Globalization;
using BankCrossSell;

// dotnet run --project examples/bank-cross-sell -- [customers] [seed]
var customers = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 10_000;
var seed = args.Length > 1 ? ulong.Parse(args[1], CultureInfo.InvariantCulture) : 2025UL;
var summary = Simulation.Run(Path.Combine(AppContext.BaseDirectory, "catalog.yaml"), customers, seed);
var c = CultureInfo.InvariantCulture;
Console.WriteLine(string.Create(c, $"Bank cross-sell: {summary.Customers:N0} synthetic customers (seed {seed})"));
Console.WriteLine();
Console.WriteLine(string.Create(c, $"  sent                  {summary.Sent,8:N0}   ({string.Join(", ", summary.SentByChannel.Select(p => $"{p.Key} {p.Value:N0}"))})"));
foreach (var (reason, count) in summary.SuppressedByReason)
{
    Console.WriteLine(string.Create(c, $"  suppressed: {reason,-12}{count,6:N0}"));
}

Console.WriteLine(string.Create(c, $"  rejected              {summary.Rejected,8:N0}"));
Console.WriteLine(string.Create(c, $"  total                 {summary.Sent + summary.SuppressedByReason.Values.Sum() + summary.Rejected,8:N0}"));
Console.WriteLine();
Console.WriteLine("                          targeted   send to everyone");
Console.WriteLine(string.Create(c, $"  contacts              {summary.Sent,10:N0} {summary.SendAllSent,18:N0}"));
Console.WriteLine(string.Create(c, $"  incremental responses {summary.IncrementalResponses,10:N1} {summary.SendAllIncrementalResponses,18:N1}"));
Console.WriteLine(string.Create(c, $"  incremental margin    {summary.IncrementalMargin,10:N0} {summary.SendAllIncrementalMargin,18:N0}"));
Console.WriteLine(string.Create(c, $"  net of contact cost   {summary.NetMargin,10:N0} {summary.SendAllNetMargin,18:N0}   (at {summary.CostPerContact:0.00} a contact)"));
Console.WriteLine();
Console.WriteLine(string.Create(c, $"  {1 - ((double)summary.Sent / summary.SendAllSent):P0} fewer contacts; assumptions: the uplift scores are true, responses independent, expected values (see README)."));
