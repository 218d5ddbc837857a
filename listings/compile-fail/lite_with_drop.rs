use pin_project_lite::pin_project;

// ANCHOR: main
pin_project! {
    pub struct Logged<F> {
        #[pin]
        inner: F,
    }
}

// A destructor gets `&mut self`: it could move `inner` out of its pinned place.
impl<F> Drop for Logged<F> {
    fn drop(&mut self) {
        println!("dropping a Logged future");
    }
}
// ANCHOR_END: main

fn main() {}
