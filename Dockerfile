# One image for every service: `price-processor <command>` with command processor, sink, api or feed.
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY . .
RUN mvn -q -B -ntp -DskipTests package

FROM eclipse-temurin:17-jre
WORKDIR /app
COPY --from=build /src/launcher/target/price-processor.jar /app/price-processor.jar
COPY --from=build /src/launcher/target/lib /app/lib
RUN useradd --system --uid 10001 prices && mkdir -p /var/lib/price-processor && chown prices /var/lib/price-processor
USER prices
ENV PROCESSOR_STATE_DIR=/var/lib/price-processor/streams
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-jar", "/app/price-processor.jar"]
