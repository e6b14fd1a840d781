using System.Reflection;
using System.Text;
using Lnsgd.Core.Simulations;
using Xunit;

namespace Lnsgd.Snapshots;

/// <summary>
/// The public surface of <c>Lnsgd.Core</c> changes only on purpose: every exported type and its
/// public and protected members, one line each, must equal <c>Core/PublicApi.txt</c>. To accept a
/// deliberate change, run this test with <c>LNSGD_ACCEPT_API=1</c> and commit the rewritten file.
/// </summary>
public class PublicApiTests
{
    private const BindingFlags Declared = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;

    /// <summary>The API as sorted lines: "TypeName" then "TypeName :: member" for each visible member.</summary>
    internal static string Describe(Assembly assembly)
    {
        var lines = new List<string>();
        foreach (var type in assembly.GetExportedTypes())
        {
            var name = Name(type);
            var kind = type.IsEnum ? "enum" : type.IsValueType ? "struct" : type.IsInterface ? "interface"
                : type.IsAbstract && type.IsSealed ? "static class" : type.IsAbstract ? "abstract class" : type.IsSealed ? "sealed class" : "class";
            var bases = new[] { type.BaseType }.Where(b => b is not null && b != typeof(object) && b != typeof(ValueType) && b != typeof(Enum))
                .Concat(type.GetInterfaces()).Select(b => Name(b!)).Order(StringComparer.Ordinal);
            lines.Add($"{kind} {name}{(bases.Any() ? " : " + string.Join(", ", bases) : "")}");
            foreach (var member in type.GetMembers(Declared))
            {
                // Accessors and event methods are listed through their property or event.
                if (member is Type || member is MethodInfo { IsSpecialName: true } m && !m.Name.StartsWith("op_", StringComparison.Ordinal) || !Visible(member, type)) continue;
                lines.Add($"{name} :: {Member(member)}");
            }
        }
        lines.Sort(StringComparer.Ordinal);
        return string.Join('\n', lines) + "\n";
    }

    private static bool Visible(MemberInfo member, Type owner)
    {
        bool Open(MethodBase? m) => m is not null && (m.IsPublic || (!owner.IsSealed && (m.IsFamily || m.IsFamilyOrAssembly)));
        return member switch
        {
            MethodBase m => Open(m),
            PropertyInfo p => Open(p.GetMethod) || Open(p.SetMethod),
            FieldInfo f => f.IsPublic || (!owner.IsSealed && (f.IsFamily || f.IsFamilyOrAssembly)),
            EventInfo e => Open(e.AddMethod),
            _ => false,
        };
    }

    private static string Member(MemberInfo member) => member switch
    {
        ConstructorInfo c => $"ctor({Parameters(c)})",
        MethodInfo m => $"{(m.IsStatic ? "static " : "")}{Name(m.ReturnType)} {m.Name}{(m.IsGenericMethod ? "<" + string.Join(", ", m.GetGenericArguments().Select(Name)) + ">" : "")}({Parameters(m)})",
        PropertyInfo p => $"{Name(p.PropertyType)} {p.Name} {{ {(p.GetMethod is { } g && Visible(g, member.DeclaringType!) ? "get; " : "")}{(p.SetMethod is { } s && Visible(s, member.DeclaringType!) ? (s.ReturnParameter.GetRequiredCustomModifiers().Any(t => t.Name == "IsExternalInit") ? "init; " : "set; ") : "")}}}",
        FieldInfo f => $"{(f.IsLiteral ? "const " : f.IsStatic ? "static " : "")}{(f.IsInitOnly ? "readonly " : "")}{Name(f.FieldType)} {f.Name}",
        EventInfo e => $"event {Name(e.EventHandlerType!)} {e.Name}",
        _ => member.ToString()!,
    };

    private static bool Visible(MethodInfo m, Type owner) => m.IsPublic || (!owner.IsSealed && (m.IsFamily || m.IsFamilyOrAssembly));

    private static string Parameters(MethodBase m) => string.Join(", ", m.GetParameters().Select(p =>
        $"{(p.IsOut ? "out " : p.ParameterType.IsByRef ? "ref " : "")}{Name(p.ParameterType)} {p.Name}{(p.HasDefaultValue ? " = " + (p.DefaultValue ?? "null") : "")}"));

    private static string Name(Type t)
    {
        if (t.IsByRef) return Name(t.GetElementType()!);
        if (t.IsArray) return Name(t.GetElementType()!) + "[" + new string(',', t.GetArrayRank() - 1) + "]";
        if (t.IsGenericParameter) return t.Name;
        var name = t.IsNested ? Name(t.DeclaringType!) + "." + t.Name : (t.Namespace is { } ns ? ns + "." : "") + t.Name;
        var tick = name.IndexOf('`');
        if (tick >= 0) name = name[..tick] + name[(name.IndexOf('.', tick) is var dot && dot > 0 ? dot : name.Length)..];
        if (!t.IsGenericType) return name;
        var args = t.GetGenericArguments();
        // Nested types of generic types repeat the outer arguments; show each type's own.
        return name + "<" + string.Join(", ", args.Select(Name)) + ">";
    }

    [Fact]
    public void The_public_api_is_the_checked_in_list()
    {
        var file = Path.Combine(RepoPaths.Root, "Core", "PublicApi.txt");
        var actual = Describe(typeof(RunConfig).Assembly);
        if (Environment.GetEnvironmentVariable("LNSGD_ACCEPT_API") == "1") File.WriteAllText(file, actual, new UTF8Encoding(false));
        var expected = File.Exists(file) ? File.ReadAllText(file).Replace("\r\n", "\n") : "";
        var (want, have) = (expected.Split('\n').ToHashSet(), actual.Split('\n').ToHashSet());
        var added = have.Except(want).Take(20).Select(l => "+ " + l);
        var removed = want.Except(have).Take(20).Select(l => "- " + l);
        Assert.True(expected == actual,
            $"the public API of Lnsgd.Core differs from Core/PublicApi.txt (rerun with LNSGD_ACCEPT_API=1 to accept a deliberate change):\n{string.Join('\n', removed.Concat(added))}");
    }
}
