# syntax=docker/dockerfile:1
# Multi-stage build of the service; the runtime image runs as a non-root user.
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /source
COPY global.json Directory.Build.props Directory.Packages.props .editorconfig ./
# The service and its mapping engine only: the local QBO sandbox is a development tool, and
# IncludeLocalSandbox=false builds the service without it (settings then refuse LOCAL_QBO_SANDBOX).
COPY src/AccountingIntegration/ src/AccountingIntegration/
COPY src/AccountingIntegration.Mapping/ src/AccountingIntegration.Mapping/
COPY src/AccountingIntegration.Books/ src/AccountingIntegration.Books/
RUN dotnet publish src/AccountingIntegration/AccountingIntegration.csproj -c Release -o /app --no-self-contained -p:IncludeLocalSandbox=false

FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime
WORKDIR /app
COPY --from=build /app ./
RUN mkdir -p /app/data && chown -R app:app /app/data
USER app
ENV ENVIRONMENT=production \
    BIND_ADDRESS=0.0.0.0 \
    PORT=8080 \
    DATABASE_URL=sqlite:////app/data/accounting.db
# Orchestrators probe GET /health (liveness) and GET /api/health (readiness).
EXPOSE 8080
VOLUME ["/app/data"]
ENTRYPOINT ["dotnet", "AccountingIntegration.dll"]
