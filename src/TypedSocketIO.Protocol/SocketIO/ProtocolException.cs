namespace TypedSocketIO.Protocol;

/// <summary>Raised by the decoders for input that breaks the protocol; the connection that sent it is closed.</summary>
internal sealed class ProtocolException(string message) : Exception(message);
