//! Chapter 38's protocol: what each line parses to, and how each reply is
//! written.

use listings::ship::protocol::{Command, Problem, Reply, parse};

#[test]
fn each_command_parses_from_its_line() {
    assert_eq!(parse("PING"), Ok(Command::Ping));
    assert_eq!(parse("QUIT"), Ok(Command::Quit));
    assert_eq!(parse("GET greeting"), Ok(Command::Get("greeting".into())));
    assert_eq!(parse("DEL greeting"), Ok(Command::Del("greeting".into())));
    assert_eq!(
        parse("SET greeting hello, world"),
        Ok(Command::Set("greeting".into(), "hello, world".into()))
    );
}

#[test]
fn a_value_keeps_its_spaces_and_may_be_empty() {
    assert_eq!(
        parse("SET k  two  spaces "),
        Ok(Command::Set("k".into(), " two  spaces ".into()))
    );
    assert_eq!(parse("SET k "), Ok(Command::Set("k".into(), String::new())));
}

#[test]
fn a_command_with_the_wrong_words_gets_its_usage() {
    let usage = |text| Err(Problem::Usage(text));
    assert_eq!(parse("GET"), usage("GET key"));
    assert_eq!(parse("GET two words"), usage("GET key"));
    assert_eq!(parse("DEL"), usage("DEL key"));
    assert_eq!(parse("SET lonely"), usage("SET key value"));
    assert_eq!(parse("SET"), usage("SET key value"));
    assert_eq!(parse("SET  value"), usage("SET key value"));
}

#[test]
fn anything_else_is_an_unknown_command() {
    for line in ["", "FETCH greeting", "ping", "PING now", "QUIT please", " GET k"] {
        assert_eq!(parse(line), Err(Problem::UnknownCommand), "{line:?}");
    }
}

#[test]
fn each_reply_is_one_line_of_text() {
    let written = [
        (Reply::Pong, "PONG"),
        (Reply::Value("hello, world".into()), "VALUE hello, world"),
        (Reply::Nothing, "NONE"),
        (Reply::Stored, "OK"),
        (Reply::Deleted, "DELETED"),
        (Reply::Bye, "BYE"),
        (Reply::Error(Problem::UnknownCommand), "ERR unknown command"),
        (Reply::Error(Problem::Usage("GET key")), "ERR usage: GET key"),
        (Reply::Error(Problem::LineTooLong), "ERR line too long"),
        (Reply::Error(Problem::NotUtf8), "ERR not UTF-8"),
        (Reply::Error(Problem::Busy), "ERR busy"),
    ];
    for (reply, line) in written {
        assert_eq!(reply.to_string(), line);
    }
}
