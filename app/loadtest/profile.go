package main

import (
	"os"
	"runtime/pprof"
)

// startProfile writes a CPU profile of everything in this process (the
// in-process server and the generator) until the returned stop is called.
func startProfile(path string) (func(), error) {
	f, err := os.Create(path)
	if err != nil {
		return nil, err
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		f.Close()
		return nil, err
	}
	return func() { pprof.StopCPUProfile(); f.Close() }, nil
}
