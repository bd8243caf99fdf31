namespace Todo.Local.Template;

/// <summary>The template says something the local host cannot run; the message says where.</summary>
public sealed class TemplateException(string message) : Exception(message);
