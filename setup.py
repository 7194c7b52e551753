from setuptools import find_packages, setup

setup(
    name='minigan',
    version='0.1.0',
    description='A small, readable, Chainer-compatible deep-learning core and the GANs of the field',
    packages=find_packages(include=['minigan', 'minigan.*']),
    python_requires='>=3.9',
    install_requires=['numpy>=1.22', 'pillow>=9', 'imageio>=2.20'],
    extras_require={
        'test': ['pytest>=7'],
        'cuda': ['cupy-cuda12x'],
        # NOTE: MPICH's own wheel holds the MPI library and mpiexec: nothing to compile
        'mpi': ['mpi4py>=4', 'mpich'],
    },
)
