use listings::in_depth::trace::Trace;
use listings::in_depth::trains;

fn main() {
    trains::on_tokio(&Trace::default());
}
