using System.Diagnostics;
using System.Text;

namespace TypedSocketIO.Tests.Shared;

/// <summary>Collects the output of a child process (its last megabyte at most), thread-safely.</summary>
public sealed class OutputBuffer
{
    private const int Limit = 1 << 20;
    private readonly StringBuilder _text = new();

    /// <summary>Reads the standard output and error of <paramref name="process"/> (started with both redirected).</summary>
    public void Attach(Process process)
    {
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_text)
        {
            _text.AppendLine(line);
            if (_text.Length > Limit)
            {
                _text.Remove(0, _text.Length - Limit);
            }
        }
    }

    public override string ToString()
    {
        lock (_text)
        {
            return _text.ToString();
        }
    }

    /// <summary>The last <paramref name="lines"/> lines.</summary>
    public string Tail(int lines = 40)
    {
        var all = ToString().Split('\n');
        return string.Join('\n', all.Skip(Math.Max(0, all.Length - lines)));
    }
}
