//go:build !unix

package geo

import "time"

func cpuTime() time.Duration { return 0 }
