# lnsgd in a container: build with the .NET SDK, run on the slim .NET runtime image with the
# fonts the figures need. Nodes then need a container runtime, not a .NET SDK.
#
#   docker build -t lnsgd:0.1.0 --build-arg COMMIT=$(git rev-parse HEAD) .
#   docker run --rm -v "$PWD:/data" lnsgd:0.1.0 run fig2 --steps 1e5
#
# COMMIT goes into `lnsgd --version` and every run's provenance.json (the build copies the
# sources without .git, so the SDK cannot read it itself); without it the commit is "unknown".

FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
# Restore first, from the project files alone, so a source change does not re-download packages.
COPY Directory.Build.props Directory.Packages.props ./
COPY Core/Core.csproj Core/
COPY Shell/Shell.csproj Shell/
# One runtime identifier (the image's architecture), so only its native libraries are copied.
ARG TARGETARCH=amd64
RUN echo "linux-$([ "$TARGETARCH" = arm64 ] && echo arm64 || echo x64)" > /rid \
 && dotnet restore Shell/Shell.csproj -r "$(cat /rid)"
COPY Core/ Core/
COPY Shell/ Shell/
ARG COMMIT=""
RUN dotnet publish Shell/Shell.csproj -c Release --no-restore -r "$(cat /rid)" --self-contained false \
      -o /app -p:SourceRevisionId="$COMMIT" \
 && /app/lnsgd --version

FROM mcr.microsoft.com/dotnet/runtime:10.0 AS runtime
# SkiaSharp draws the figures through fontconfig; DejaVu is the font the figures are drawn in.
RUN apt-get update \
 && apt-get install -y --no-install-recommends fontconfig fonts-dejavu-core \
 && rm -rf /var/lib/apt/lists/*
COPY --from=build /app /opt/lnsgd
RUN ln -s /opt/lnsgd/lnsgd /usr/local/bin/lnsgd && lnsgd --version
WORKDIR /data
ENTRYPOINT ["lnsgd"]
CMD ["help"]
