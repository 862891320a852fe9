// Command sitrep turns news articles into a sourced, geolocated political
// event graph. See README.md.
package main

import (
	"os"

	"github.com/sitrep/sitrep/internal/cli"
)

func main() { os.Exit(cli.Run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr)) }
