# projection-service: built from the repository root (docker build -f docker/projection-service.Dockerfile .)
FROM eclipse-temurin:17-jdk AS build
WORKDIR /src
COPY . .
RUN ./mvnw -B -ntp -q -pl projection-service -am package -DskipTests

FROM eclipse-temurin:17-jre
RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/* \
 && useradd --system --uid 10001 --home-dir /app ledger && mkdir -p /app && chown ledger /app
WORKDIR /app
COPY --from=build /src/projection-service/target/projection-service.jar /app/projection-service.jar
USER 10001
ENV SERVER_PORT=8082 JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError"
EXPOSE 8082
HEALTHCHECK --interval=10s --timeout=3s --start-period=60s --retries=3 \
  CMD curl -fsS http://127.0.0.1:${SERVER_PORT}/actuator/health/liveness || exit 1
ENTRYPOINT ["java", "-jar", "/app/projection-service.jar"]
