//! Typed, throttled, retrying client for the Pancake API.
