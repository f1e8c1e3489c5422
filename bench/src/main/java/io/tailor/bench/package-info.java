/** Benchmarks: programs that start what they measure, measure it and print the figures (bench/README.md). */
package io.tailor.bench;
