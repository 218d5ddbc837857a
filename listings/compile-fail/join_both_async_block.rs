use listings::block_on::block_on;
use listings::oneshot;
use listings::reinventing::join_std::join_both;

// ANCHOR: main
fn main() {
    let (_thermometer, temperature) = oneshot::channel::<f32>();
    let converted = async move { temperature.await.map(|celsius| celsius * 1.8 + 32.0) };
    let (_hygrometer, humidity) = oneshot::channel::<f32>();
    let _ = block_on(join_both(converted, humidity));
}
// ANCHOR_END: main
