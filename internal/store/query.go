package store

// queryIndexes is migration 4: indexes that let the event listing read
// only the page it returns. An actor and type filter reads
// events_source and events_target in the listing's order (doc_id
// descending, then seq: declared so, since an index read backwards would
// give seq descending and need a sort), so the two halves of the listing (actor as source, actor as target) merge and
// stop after LIMIT + OFFSET rows; names resolve to actor ids through
// actors_lname instead of joining every event to its actors.
func queryIndexes() []string {
	return []string{
		`DROP INDEX events_source`,
		`DROP INDEX events_target`,
		`DROP INDEX events_plover`,
		`CREATE INDEX events_source ON events (source, plover, doc_id DESC, seq)`,
		`CREATE INDEX events_target ON events (target, plover, doc_id DESC, seq)`,
		`CREATE INDEX events_plover ON events (plover, doc_id DESC, seq)`,
		`CREATE INDEX actors_lname ON actors (lower(name))`,
	}
}
