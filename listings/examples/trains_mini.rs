use listings::in_depth::trace::Trace;
use listings::in_depth::trains;

fn main() {
    trains::on_mini_runtime(&Trace::default());
}
