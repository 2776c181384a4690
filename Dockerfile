# One image for every service: `price-processor <command>` with command processor, sink, api or feed, built from
# source in a Maven stage. deploy/packaged.Dockerfile makes the same image from the jars a `./mvnw package` run left
# in launcher/target. JRE_IMAGE and MAVEN_IMAGE choose the base images (stand-ins for a machine without a registry:
# scripts/build-images).
ARG JRE_IMAGE=eclipse-temurin:17-jre
ARG MAVEN_IMAGE=maven:3.9-eclipse-temurin-17

FROM ${MAVEN_IMAGE} AS build
WORKDIR /src
COPY . .
RUN mvn -q -B -ntp -DskipTests clean package

FROM ${JRE_IMAGE}
WORKDIR /app
RUN useradd --system --uid 10001 prices && mkdir -p /var/lib/price-processor && chown prices /var/lib/price-processor
COPY --from=build /src/launcher/target/lib /app/lib
COPY --from=build /src/launcher/target/price-processor.jar /app/price-processor.jar
USER prices
ENV PROCESSOR_STATE_DIR=/var/lib/price-processor/streams
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-jar", "/app/price-processor.jar"]
