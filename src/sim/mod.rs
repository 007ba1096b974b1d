//! A Pancake simulator: a real HTTP server on loopback, faithful to the seeds.
