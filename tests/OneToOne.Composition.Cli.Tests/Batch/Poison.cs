using System.Text;
using System.Text.Json;

namespace OneToOne.Composition.Cli.Tests.Batch;

/// <summary>Generated recipients for the example catalog, with poison records among them.</summary>
internal static class Poison
{
    public const string Schema = "id:text!,first_name:text!,gender:text!,iq:number,points:number";

    /// <summary>Writes <paramref name="count"/> recipients; every 100th (offset 37) is poison, cycling through missing fields, a non-numeric iq, a 10 MB field and broken JSON.</summary>
    /// <returns>The poison records' numbers and kinds.</returns>
    public static Dictionary<int, string> Write(string path, int count, bool withPoison = true)
    {
        var poison = new Dictionary<int, string>();
        using var writer = new StreamWriter(path, append: false, new UTF8Encoding(false));
        for (var n = 1; n <= count; n++)
        {
            var fields = new Dictionary<string, object?>
            {
                ["id"] = $"c{n:D6}",
                ["first_name"] = $"Name{n}",
                ["email"] = $"c{n}@example.com",
                ["gender"] = n % 3 == 0 ? "female" : "male",
                ["iq"] = 80 + (n * 13 % 50),
                ["tier"] = (n % 4) switch { 0 => "gold", 1 => "silver", _ => "bronze" },
                ["points"] = n * 37 % 9000,
                ["last_category"] = n % 5 == 0 ? "ipa" : "lager",
                ["country"] = "US",
                ["locale"] = "en-US",
                ["unsubscribed"] = n % 29 == 0,
            };
            string line;
            if (withPoison && n % 100 == 37)
            {
                var kind = (n / 100 % 4) switch { 0 => "missing", 1 => "iq", 2 => "huge", _ => "json" };
                poison[n] = kind;
                switch (kind)
                {
                    case "missing":
                        fields.Remove("first_name");
                        break;
                    case "iq":
                        fields["iq"] = "very high";
                        break;
                    case "huge":
                        fields["first_name"] = new string('x', 10 * 1024 * 1024);
                        break;
                }

                line = kind == "json" ? $"{{\"id\":\"c{n:D6}\", oops" : JsonSerializer.Serialize(fields);
            }
            else
            {
                line = JsonSerializer.Serialize(fields);
            }

            writer.Write(line);
            writer.Write('\n');
        }

        return poison;
    }
}
