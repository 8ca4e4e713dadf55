using System.Text;

namespace TypedSocketIO.Generators;

/// <summary>Writes indented C#, four spaces a level, with LF line ends whatever the platform.</summary>
internal sealed class SourceWriter
{
    private readonly StringBuilder _text = new();
    private int _indent;

    public void Line(string line = "")
    {
        if (line.Length > 0)
        {
            _text.Append(' ', _indent * 4).Append(line);
        }

        _text.Append('\n');
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
