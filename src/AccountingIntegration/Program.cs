var builder = WebApplication.CreateBuilder(args);
var app = builder.Build();
app.MapGet("/health", () => new { status = "healthy", service = "accounting-integration" });
app.Run();

public partial class Program;
