using System.Collections.Generic;
using System.Text;

namespace TypedSocketIO.Generators;

/// <summary>Writes indented C#, four spaces a level, with LF line ends whatever the platform, wrapping what would not read on one line.</summary>
internal sealed class SourceWriter
{
    /// <summary>The longest line the writer puts together itself; longer ones are wrapped where C# allows it.</summary>
    public const int MaxLineLength = 150;

    private readonly StringBuilder _text = new();
    private int _indent;

    private int Width => _indent * 4;

    public void Line(string line = "")
    {
        if (line.Length > 0)
        {
            _text.Append(' ', Width).Append(line);
        }

        _text.Append('\n');
    }

    /// <summary>Writes a block of lines (a raw string literal), each indented at the current level.</summary>
    public void Lines(string block)
    {
        foreach (var line in block.Replace("\r\n", "\n").Split('\n'))
        {
            Line(line);
        }
    }

    /// <summary><c>head => body</c> on one line, or with the body on the next when that is too long.</summary>
    public void ExpressionBodied(string head, string body)
    {
        if (Width + head.Length + body.Length + 4 <= MaxLineLength)
        {
            Line(head + " => " + body);
            return;
        }

        Line(head + " =>");
        _indent++;
        Line(body);
        _indent--;
    }

    /// <summary>
    /// <c>prefix(parameters)suffix</c> on one line, or with one parameter a line when that is too
    /// long; <paramref name="suffix"/> (<c> =&gt; default;</c>, or nothing before a body) ends the last.
    /// </summary>
    public void Signature(string prefix, IReadOnlyList<string> parameters, string suffix = "")
    {
        var oneLine = prefix + "(" + string.Join(", ", parameters) + ")" + suffix;
        if (Width + oneLine.Length <= MaxLineLength || parameters.Count == 0)
        {
            Line(oneLine);
            return;
        }

        Line(prefix + "(");
        _indent++;
        for (var i = 0; i < parameters.Count; i++)
        {
            Line(parameters[i] + (i == parameters.Count - 1 ? ")" + suffix : ","));
        }

        _indent--;
    }

    /// <summary><c>type name;</c> on one line, or with the name on the next when a long type makes the line too long.</summary>
    public void Declaration(string type, string rest)
    {
        if (Width + type.Length + 1 + rest.Length <= MaxLineLength)
        {
            Line(type + " " + rest);
            return;
        }

        Line(type);
        _indent++;
        Line(rest);
        _indent--;
    }

    public void OpenBrace()
    {
        Line("{");
        _indent++;
    }

    public void CloseBrace(string suffix = "")
    {
        _indent--;
        Line("}" + suffix);
    }

    public override string ToString() => _text.ToString();
}
