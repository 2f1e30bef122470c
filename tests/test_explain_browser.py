"""The explain page in a real browser: headless Chromium (Debian's chromium and chromium-driver,
driven by Selenium) draws a digit on the pad with pointer events, and the page must show a guess,
the layer panels, the MNIST-form image, and no console errors. Needs the `browser` extra and the
two Debian packages; CI installs them and requires the test to run."""
import os
import shutil
import threading

import numpy as np
import pytest

import tinynet as mx
from conftest import require_extra
from mnist_lenet import lenet

require_extra('selenium', 'browser')
from selenium import webdriver  # noqa: E402
from selenium.webdriver.common.action_chains import ActionChains  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.support.ui import WebDriverWait  # noqa: E402

from tinynet.explain import Explainer, make_server  # noqa: E402

CHROMIUM = shutil.which('chromium') or shutil.which('chromium-browser')
DRIVER = shutil.which('chromedriver')


@pytest.fixture
def page(tmp_path):
    if CHROMIUM is None or DRIVER is None:
        if 'browser' in os.environ.get('TINYNET_REQUIRE_EXTRAS', ''):
            pytest.fail('chromium and chromedriver are needed (apt-get install chromium '
                        'chromium-driver)', pytrace=False)
        pytest.skip('chromium and chromedriver are not installed')
    mod = mx.mod.Module(lenet())
    mod.bind([('data', (1, 1, 28, 28))], [('softmax_label', (1,))])
    mx.random.seed(3)
    mod.init_params(mx.init.Xavier())
    prefix = str(tmp_path / 'lenet')
    mod.save_checkpoint(prefix, 1)
    rng = np.random.default_rng(0)
    server = make_server(Explainer(prefix, 1), '127.0.0.1', 0, loader=lambda: {
        'test_data': rng.uniform(0, 1, (5, 1, 28, 28)).astype(np.float32),
        'test_label': np.arange(5)})
    threading.Thread(target=server.serve_forever, daemon=True).start()
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in ('--headless', '--no-sandbox', '--disable-gpu', '--disable-quic',
                 '--no-first-run', '--disable-background-networking',
                 '--disable-component-update', '--disable-sync', '--window-size=1200,1000',
                 '--user-data-dir=%s' % (tmp_path / 'chrome')):
        options.add_argument(flag)
    options.set_capability('goog:loggingPrefs', {'browser': 'ALL'})
    driver = webdriver.Chrome(service=webdriver.ChromeService(executable_path=DRIVER),
                              options=options)
    driver.set_page_load_timeout(30)
    try:
        driver.get('http://127.0.0.1:%d/' % server.server_address[1])
        yield driver
    finally:
        driver.quit()
        server.shutdown()
        server.server_close()


def test_drawing_a_digit_shows_a_guess_and_every_layer(page):
    pad = page.find_element(By.ID, 'pad')
    assert page.find_element(By.ID, 'guess').text == '-'
    # a stroke down the middle of the pad: a "1"
    ActionChains(page).move_to_element_with_offset(pad, 0, -90).click_and_hold() \
        .move_by_offset(0, 60).move_by_offset(2, 60).move_by_offset(0, 50).release().perform()
    WebDriverWait(page, 20).until(lambda d: d.find_element(By.ID, 'guess').text != '-')
    assert page.find_element(By.ID, 'guess').text in [str(d) for d in range(10)]
    panels = page.find_elements(By.CSS_SELECTOR, '#layers .layer')
    assert len(panels) == 10 and 'convolution' in panels[0].text      # LeNet's ten layers
    assert len(panels[0].find_elements(By.TAG_NAME, 'canvas')) == 20
    assert len(page.find_elements(By.CSS_SELECTOR, '#filters canvas')) == 20
    errors = [entry for entry in page.get_log('browser') if entry['level'] == 'SEVERE']
    assert errors == []


def test_the_test_set_browser_shows_a_digit_and_its_label(page):
    page.find_element(By.ID, 'test-index').clear()
    page.find_element(By.ID, 'test-index').send_keys('2')
    page.find_element(By.ID, 'show-test').click()
    WebDriverWait(page, 20).until(lambda d: d.find_element(By.ID, 'label').text == 'label: 2')
    assert page.find_element(By.ID, 'guess').text in [str(d) for d in range(10)]
