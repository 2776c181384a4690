# The image of the Dockerfile at the root, made from the jars a `./mvnw package` run left in launcher/target instead
# of a Maven stage, so that it builds in seconds; the container tests run the compose stack on it
# (PRICE_PROCESSOR_DOCKERFILE=deploy/packaged.Dockerfile). A file of its own because Docker's classic builder, which
# docker-compose 1.x uses, builds every stage of a Dockerfile up to its target. Keep the two in step.
ARG JRE_IMAGE=eclipse-temurin:17-jre

FROM ${JRE_IMAGE}
WORKDIR /app
RUN useradd --system --uid 10001 prices && mkdir -p /var/lib/price-processor && chown prices /var/lib/price-processor
COPY launcher/target/lib /app/lib
COPY launcher/target/price-processor.jar /app/price-processor.jar
USER prices
ENV PROCESSOR_STATE_DIR=/var/lib/price-processor/streams
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-jar", "/app/price-processor.jar"]
