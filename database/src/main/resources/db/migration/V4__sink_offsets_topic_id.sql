-- The id Kafka gave the topic a stored position belongs to. A topic deleted and created again keeps its name but
-- gets a new id: positions of the old log are then void, even where the new log has grown past them.
ALTER TABLE sink_offsets ADD COLUMN topic_id UUID;
