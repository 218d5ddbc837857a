//! The key-value store's protocol: one request per line, one reply per line.

use std::fmt;

// ANCHOR: command
/// A request, parsed from one line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Command {
    /// `PING`: is the server there?
    Ping,
    /// `GET key`
    Get(String),
    /// `SET key value`; the value is the rest of the line, spaces and all.
    Set(String, String),
    /// `DEL key`
    Del(String),
    /// `QUIT`: the server answers `BYE` and closes.
    Quit,
}
// ANCHOR_END: command

// ANCHOR: reply
/// An answer, written as one line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reply {
    Pong,
    Value(String),
    Nothing,
    Stored,
    Deleted,
    /// The last line the server sends on a connection it closes politely.
    Bye,
    Error(Problem),
}

/// What was wrong, as the client reads it after `ERR`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Problem {
    UnknownCommand,
    Usage(&'static str),
    LineTooLong,
    NotUtf8,
    IdleTimeout,
    Timeout,
    Busy,
}

impl fmt::Display for Reply {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Reply::Pong => write!(f, "PONG"),
            Reply::Value(value) => write!(f, "VALUE {value}"),
            Reply::Nothing => write!(f, "NONE"),
            Reply::Stored => write!(f, "OK"),
            Reply::Deleted => write!(f, "DELETED"),
            Reply::Bye => write!(f, "BYE"),
            Reply::Error(problem) => write!(f, "ERR {problem}"),
        }
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Problem::UnknownCommand => write!(f, "unknown command"),
            Problem::Usage(usage) => write!(f, "usage: {usage}"),
            Problem::LineTooLong => write!(f, "line too long"),
            Problem::NotUtf8 => write!(f, "not UTF-8"),
            Problem::IdleTimeout => write!(f, "idle timeout"),
            Problem::Timeout => write!(f, "request timeout"),
            Problem::Busy => write!(f, "busy"),
        }
    }
}
// ANCHOR_END: reply

// ANCHOR: parse
/// Parses one line, without its line ending.
pub fn parse(line: &str) -> Result<Command, Problem> {
    let (word, rest) = line.split_once(' ').unwrap_or((line, ""));
    let key = |usage| match rest {
        "" => Err(Problem::Usage(usage)),
        key if key.contains(' ') => Err(Problem::Usage(usage)),
        key => Ok(key.to_string()),
    };
    match word {
        "PING" if rest.is_empty() => Ok(Command::Ping),
        "QUIT" if rest.is_empty() => Ok(Command::Quit),
        "GET" => key("GET key").map(Command::Get),
        "DEL" => key("DEL key").map(Command::Del),
        "SET" => match rest.split_once(' ') {
            Some((key, value)) if !key.is_empty() => {
                Ok(Command::Set(key.to_string(), value.to_string()))
            }
            _ => Err(Problem::Usage("SET key value")),
        },
        _ => Err(Problem::UnknownCommand),
    }
}
// ANCHOR_END: parse
