//! One SVG per benchmark, drawn from the committed results: a bar per
//! runner at its median time, a line across the median's 95% confidence
//! interval, and the ratio to Tokio's current-thread runtime at the end.
//!
//! plotters draws text with its built-in metrics (no font files), so the
//! same rows give the same SVG on every machine: a test redraws each plot
//! and compares it with the committed one.

use plotters::coord::ranged1d::SegmentValue;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use crate::results::{self, BASELINE, Row};

/// What each benchmark does, for its plot's title.
pub fn title(benchmark: &str) -> &'static str {
    match benchmark {
        "spawn_many" => "spawn_many: spawn 10,000 tasks, wait for all",
        "ping_pong" => "ping_pong: 1,000 request-reply rounds between two tasks",
        "yield_many" => "yield_many: 200 tasks, each yields 100 times",
        "chained_spawn" => "chained_spawn: 1,000 tasks, each spawns the next",
        "echo" => "echo: one round trip of 64 bytes for each of 50 clients",
        _ => "a benchmark",
    }
}

const OURS: RGBColor = RGBColor(70, 110, 180);
const TOKIO: RGBColor = RGBColor(220, 130, 50);

/// The SVG of `benchmark`'s rows.
pub fn svg(rows: &[Row], benchmark: &str) -> Result<String, String> {
    let of = results::of(rows, benchmark);
    if of.is_empty() {
        return Err(format!("no results for {benchmark}"));
    }
    let n = of.len() as i32;
    let right = of.iter().map(|r| r.high.max(r.median)).fold(0.0, f64::max) * 1.45;
    let mut text = String::new();
    {
        let height = 90 + 38 * of.len() as u32;
        let root =
            SVGBackend::with_string(&mut text, (720, height)).into_drawing_area();
        root.fill(&WHITE).map_err(|e| e.to_string())?;
        let mut chart = ChartBuilder::on(&root)
            .caption(title(benchmark), ("sans-serif", 17))
            .margin(12)
            .x_label_area_size(36)
            .y_label_area_size(150)
            .build_cartesian_2d(0.0..right, (0..n - 1).into_segmented())
            .map_err(|e| e.to_string())?;
        // Runners from the top down, in the results' order.
        let name = |segment: &SegmentValue<i32>| match segment {
            SegmentValue::CenterOf(i) if (0..n).contains(i) => {
                of[(n - 1 - i) as usize].runner.clone()
            }
            _ => String::new(),
        };
        chart
            .configure_mesh()
            .disable_y_mesh()
            .light_line_style(WHITE)
            .x_labels(6)
            .x_label_formatter(&|ns| results::human(*ns))
            .x_desc("median time per iteration (line: 95% confidence interval)")
            .y_label_formatter(&name)
            .label_style(("sans-serif", 13))
            .draw()
            .map_err(|e| e.to_string())?;
        let at = |i: usize| n - 1 - i as i32;
        chart
            .draw_series(of.iter().enumerate().map(|(i, r)| {
                let color = if r.runner.starts_with("Tokio") { TOKIO } else { OURS };
                let mut bar = Rectangle::new(
                    [
                        (0.0, SegmentValue::Exact(at(i))),
                        (r.median, SegmentValue::Exact(at(i) + 1)),
                    ],
                    color.filled(),
                );
                bar.set_margin(7, 7, 0, 0);
                bar
            }))
            .map_err(|e| e.to_string())?;
        chart
            .draw_series(of.iter().enumerate().map(|(i, r)| {
                PathElement::new(
                    vec![
                        (r.low, SegmentValue::CenterOf(at(i))),
                        (r.high, SegmentValue::CenterOf(at(i))),
                    ],
                    BLACK.stroke_width(2),
                )
            }))
            .map_err(|e| e.to_string())?;
        let style = TextStyle::from(("sans-serif", 13).into_font())
            .pos(Pos::new(HPos::Left, VPos::Center));
        chart
            .draw_series(of.iter().enumerate().map(|(i, r)| {
                let ratio = results::ratio(rows, r).map_or(String::new(), |x| {
                    if r.runner == BASELINE {
                        "1.00x (baseline)".into()
                    } else {
                        format!("{x:.2}x")
                    }
                });
                let label = format!("{}  {ratio}", results::human(r.median));
                let at = (r.high.max(r.median), SegmentValue::CenterOf(at(i)));
                EmptyElement::at(at) + Text::new(label, (6, 0), style.clone())
            }))
            .map_err(|e| e.to_string())?;
        root.present().map_err(|e| e.to_string())?;
    }
    Ok(text)
}
