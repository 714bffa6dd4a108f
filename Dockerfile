# syntax=docker/dockerfile:1
# Multi-stage build of the service; the runtime image runs as a non-root user.
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /source
# Restore from the project files alone, so this layer is reused until a project or a package version
# changes, not on every source edit. The service and its engines only: the local QBO sandbox is a
# development tool, and IncludeLocalSandbox=false leaves it out (settings then refuse LOCAL_QBO_SANDBOX).
COPY global.json Directory.Build.props Directory.Packages.props .editorconfig ./
COPY src/AccountingIntegration/AccountingIntegration.csproj src/AccountingIntegration/
COPY src/AccountingIntegration.Mapping/AccountingIntegration.Mapping.csproj src/AccountingIntegration.Mapping/
COPY src/AccountingIntegration.Books/AccountingIntegration.Books.csproj src/AccountingIntegration.Books/
RUN dotnet restore src/AccountingIntegration/AccountingIntegration.csproj -p:IncludeLocalSandbox=false
COPY src/AccountingIntegration/ src/AccountingIntegration/
COPY src/AccountingIntegration.Mapping/ src/AccountingIntegration.Mapping/
COPY src/AccountingIntegration.Books/ src/AccountingIntegration.Books/
RUN dotnet publish src/AccountingIntegration/AccountingIntegration.csproj -c Release -o /app --no-restore --no-self-contained -p:IncludeLocalSandbox=false

FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime
WORKDIR /app
COPY --from=build /app ./
COPY docker/healthcheck.sh /app/healthcheck.sh
# The image's own user (uid 1654) owns only the SQLite folder; the application files stay root's.
RUN mkdir -p /app/data && chown -R app:app /app/data
USER app
ENV ENVIRONMENT=production \
    BIND_ADDRESS=0.0.0.0 \
    PORT=8080 \
    DATABASE_URL=sqlite:////app/data/accounting.db
EXPOSE 8080
VOLUME ["/app/data"]
# Ready = the database answers, has every migration and the queue moves (GET /health/ready);
# orchestrators that probe over HTTP use /health/live for liveness and /health/ready for readiness.
HEALTHCHECK --interval=15s --timeout=10s --start-period=60s --retries=3 CMD ["bash", "/app/healthcheck.sh"]
ENTRYPOINT ["dotnet", "AccountingIntegration.dll"]
