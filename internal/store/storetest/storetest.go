// Package storetest gives the tests of every package that touches the store
// a PostgreSQL database of their own, so that packages tested in parallel
// on one server never meet.
package storetest

import (
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"net/url"
	"os"
	"testing"

	_ "github.com/jackc/pgx/v5/stdlib" // registers the "pgx" driver
)

// Env names the variable holding the URL of a PostgreSQL database on a
// server where the tests may create databases (CI sets it from
// .ci/postgres.sh).
const Env = "SITREP_TEST_POSTGRES"

// PostgresURL creates a fresh, empty database on the test server and
// returns its URL; the database is dropped when the test ends. It returns
// "" when Env is not set, so callers test SQLite alone.
func PostgresURL(t testing.TB) string {
	t.Helper()
	base := os.Getenv(Env)
	if base == "" {
		return ""
	}
	db, err := sql.Open("pgx", base)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	b := make([]byte, 6)
	rand.Read(b)
	name := "sitrep_t_" + hex.EncodeToString(b)
	if _, err := db.Exec(`CREATE DATABASE ` + name); err != nil {
		t.Fatalf("storetest: create database: %v", err)
	}
	t.Cleanup(func() {
		db, err := sql.Open("pgx", base)
		if err != nil {
			return
		}
		defer db.Close()
		db.Exec(`DROP DATABASE IF EXISTS ` + name + ` WITH (FORCE)`)
	})
	u, err := url.Parse(base)
	if err != nil {
		t.Fatal(err)
	}
	u.Path = "/" + name
	return u.String()
}

// Why says why PostgreSQL is not tested, for a t.Log or t.Skip.
const Why = "PostgreSQL not tested: set " + Env + " to a database URL, e.g. $(.ci/postgres.sh)"
